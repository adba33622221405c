/** Who makes a call: the CloudTrail `userIdentity` of the caller. */
export interface Principal {
  readonly type: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService';
  readonly arn: string;
  readonly accountId: string;
  readonly principalId: string;
  readonly userName?: string;
  readonly accessKeyId?: string;
  /** For calls an AWS service makes on the caller's behalf, e.g. `ec2.amazonaws.com`. */
  readonly invokedBy?: string;
}

/** The account's administrator: the principal behind the default credentials. */
export function adminPrincipal(accountId: string): Principal {
  return {
    type: 'IAMUser',
    arn: `arn:aws:iam::${accountId}:user/Admin`,
    accountId,
    principalId: 'AIDAKMSSANDBOXADMIN01',
    userName: 'Admin',
    accessKeyId: 'test',
  };
}
