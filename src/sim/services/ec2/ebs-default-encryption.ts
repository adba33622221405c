import { required, string } from '../../api/schema.js';
import { defineServiceOperation, ServiceError, type ServiceContext } from '../service.js';
import { defaultKeyId, kmsFailure, refuseKeyOutsideRegion } from './ebs-kms.js';
import { AWS_MANAGED_EBS_ALIAS, ebsState } from './ebs-state.js';

// EBS encryption by default and the default KMS key: per account and Region.
// https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html

/** EnableEbsEncryptionByDefault: new volumes and snapshot copies of the Region are encrypted. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html */
export const enableEbsEncryptionByDefault = defineServiceOperation({
  service: 'ec2',
  name: 'EnableEbsEncryptionByDefault',
  summary: 'Encrypt every new EBS volume of the Region by default',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html',
  input: {},
  handler(ctx) {
    ebsState(ctx.core).in(ctx.region.name).encryptionByDefault = true;
    return { EbsEncryptionByDefault: true };
  },
});

/** DisableEbsEncryptionByDefault. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableEbsEncryptionByDefault.html */
export const disableEbsEncryptionByDefault = defineServiceOperation({
  service: 'ec2',
  name: 'DisableEbsEncryptionByDefault',
  summary: 'Stop encrypting new EBS volumes of the Region by default',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableEbsEncryptionByDefault.html',
  input: {},
  handler(ctx) {
    ebsState(ctx.core).in(ctx.region.name).encryptionByDefault = false;
    return { EbsEncryptionByDefault: false };
  },
});

/** GetEbsEncryptionByDefault. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsEncryptionByDefault.html */
export const getEbsEncryptionByDefault = defineServiceOperation({
  service: 'ec2',
  name: 'GetEbsEncryptionByDefault',
  summary: 'Tell whether EBS encryption by default is on in the Region',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsEncryptionByDefault.html',
  input: {},
  handler(ctx) {
    return { EbsEncryptionByDefault: ebsState(ctx.core).in(ctx.region.name).encryptionByDefault };
  },
});

/**
 * GetEbsDefaultKmsKeyId: the key EBS uses when none is given, `alias/aws/ebs` until modified.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html
 */
export const getEbsDefaultKmsKeyId = defineServiceOperation({
  service: 'ec2',
  name: 'GetEbsDefaultKmsKeyId',
  summary: 'Show the default KMS key for EBS encryption in the Region',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html',
  input: {},
  handler(ctx) {
    return { KmsKeyId: defaultKeyId(ebsState(ctx.core).in(ctx.region.name)) };
  },
});

/**
 * ModifyEbsDefaultKmsKeyId: a customer managed (symmetric) key of the Region becomes EBS's default.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyEbsDefaultKmsKeyId.html
 */
export const modifyEbsDefaultKmsKeyId = defineServiceOperation({
  service: 'ec2',
  name: 'ModifyEbsDefaultKmsKeyId',
  summary: 'Make a symmetric KMS key of the Region the default key for EBS encryption',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyEbsDefaultKmsKeyId.html',
  input: {
    KmsKeyId: required(string('The symmetric KMS key: key id, key ARN, alias name or alias ARN.')),
  },
  handler(ctx, input) {
    refuseKeyOutsideRegion(input.KmsKeyId, ctx.region.name);
    // Fidelity: AWS accepts a key that is not valid and fails the volumes made with it later;
    // the sandbox looks the key up (DescribeKey, as EC2) and refuses it at once.
    const arn = symmetricKeyArn(ctx, input.KmsKeyId);
    ebsState(ctx.core).in(ctx.region.name).defaultKmsKeyArn = arn;
    return { KmsKeyId: arn };
  },
});

/**
 * ResetEbsDefaultKmsKeyId: the default key goes back to the AWS managed key aws/ebs, whose ARN
 * it returns (KMS creates the key on first use). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ResetEbsDefaultKmsKeyId.html
 */
export const resetEbsDefaultKmsKeyId = defineServiceOperation({
  service: 'ec2',
  name: 'ResetEbsDefaultKmsKeyId',
  summary: 'Reset the default key for EBS encryption to the AWS managed key aws/ebs',
  docUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ResetEbsDefaultKmsKeyId.html',
  input: {},
  handler(ctx) {
    const arn = symmetricKeyArn(ctx, AWS_MANAGED_EBS_ALIAS);
    ebsState(ctx.core).in(ctx.region.name).defaultKmsKeyArn = undefined;
    return { KmsKeyId: arn };
  },
});

/** The ARN of a symmetric encryption key, looked up with DescribeKey; EBS supports no other keys. */
function symmetricKeyArn(ctx: ServiceContext, keyId: string): string {
  const described = ctx.kms('DescribeKey', { KeyId: keyId });
  if (!described.ok) throw kmsFailure(described.error);
  const { Arn, KeySpec, KeyUsage } = described.output.KeyMetadata;
  if (KeySpec !== 'SYMMETRIC_DEFAULT' || KeyUsage !== 'ENCRYPT_DECRYPT')
    throw new ServiceError('InvalidParameterValue', `Amazon EBS supports only symmetric encryption KMS keys: ${Arn} is ${KeySpec} (${KeyUsage}).`);
  return Arn ?? keyId;
}
