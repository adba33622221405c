/**
 * AWS error codes that the simulator returns. Names are AWS's own, from the KMS API model
 * and the JSON protocol (ValidationException, AccessDeniedException, ThrottlingException, …).
 */
export type KmsErrorCode =
  | 'AccessDeniedException'
  | 'AlreadyExistsException'
  | 'ConflictException'
  | 'DependencyTimeoutException'
  | 'DisabledException'
  | 'DryRunOperationException'
  | 'ExpiredImportTokenException'
  | 'IncorrectKeyException'
  | 'IncorrectKeyMaterialException'
  | 'InvalidAliasNameException'
  | 'InvalidArnException'
  | 'InvalidCiphertextException'
  | 'InvalidGrantTokenException'
  | 'InvalidImportTokenException'
  | 'InvalidKeyUsageException'
  | 'InvalidMarkerException'
  | 'KMSInternalException'
  | 'KMSInvalidMacException'
  | 'KMSInvalidSignatureException'
  | 'KMSInvalidStateException'
  | 'KeyUnavailableException'
  | 'LimitExceededException'
  | 'MalformedPolicyDocumentException'
  | 'NotAuthorizedException'
  | 'NotFoundException'
  | 'TagException'
  | 'ThrottlingException'
  | 'UnsupportedOperationException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'ValidationException';

/** Codes AWS models as server faults (HTTP 5xx); every other code is a client error (4xx). */
const FAULTS: ReadonlySet<KmsErrorCode> = new Set<KmsErrorCode>([
  'DependencyTimeoutException',
  'KMSInternalException',
  'KeyUnavailableException',
]);

/**
 * A simulated AWS failure: part of the lesson, not a bug. Thrown by handlers and caught
 * only by the dispatcher, which turns it into an outcome and an audit record.
 */
export class KmsError extends Error {
  override name = 'KmsError' as const;

  constructor(
    readonly code: KmsErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** True for server faults (HTTP 5xx), false for client errors (HTTP 4xx). */
  get fault(): boolean {
    return FAULTS.has(this.code);
  }
}

/** Tells whether a thrown value is a simulated AWS failure. */
export function isKmsError(error: unknown): error is KmsError {
  return error instanceof KmsError;
}
