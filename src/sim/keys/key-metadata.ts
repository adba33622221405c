import type { EncryptionAlgorithm, KeyManager, KeySpec, KeyState, KeyUsage, Origin } from './key-types.js';
import type { KmsKey } from './kms-key.js';
import type { MultiRegionConfiguration } from '../regions/multi-region.js';
import { algorithmsFor, type KeyAgreementAlgorithm, type MacAlgorithm, type SigningAlgorithm } from './key-specs.js';

/** AWS's `KeyMetadata` structure, with AWS wire names. */
export interface KeyMetadata {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate: Date;
  Enabled: boolean;
  Description: string;
  KeyUsage: KeyUsage;
  KeyState: KeyState;
  DeletionDate?: Date;
  ValidTo?: Date;
  Origin: Origin;
  ExpirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  KeyManager: KeyManager;
  CustomerMasterKeySpec: KeySpec;
  KeySpec: KeySpec;
  EncryptionAlgorithms?: EncryptionAlgorithm[];
  SigningAlgorithms?: SigningAlgorithm[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithm[];
  MacAlgorithms?: MacAlgorithm[];
  MultiRegion: boolean;
  MultiRegionConfiguration?: MultiRegionConfiguration;
  PendingDeletionWindowInDays?: number;
  CurrentKeyMaterialId?: string;
}

/** Builds a key's `KeyMetadata` as DescribeKey and CreateKey return it. */
export function keyMetadata(key: KmsKey, currentKeyMaterialId: string | undefined): KeyMetadata {
  const metadata: KeyMetadata = {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    Origin: key.origin,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    MultiRegion: key.multiRegion,
  };
  const algorithms = algorithmsFor(key.keySpec, key.keyUsage);
  if (algorithms.encryption) metadata.EncryptionAlgorithms = [...algorithms.encryption];
  if (algorithms.signing) metadata.SigningAlgorithms = [...algorithms.signing];
  if (algorithms.keyAgreement) metadata.KeyAgreementAlgorithms = [...algorithms.keyAgreement];
  if (algorithms.mac) metadata.MacAlgorithms = [...algorithms.mac];
  if (key.multiRegionSet) metadata.MultiRegionConfiguration = key.multiRegionSet.configuration(key.region);
  // AWS: DeletionDate while PendingDeletion; PendingDeletionWindowInDays only while a multi-Region
  // primary waits for its replicas to be deleted (PendingReplicaDeletion).
  if (key.deletion) metadata.DeletionDate = key.deletion.deletionDate;
  if (key.pendingReplicaDeletionDays !== undefined) metadata.PendingDeletionWindowInDays = key.pendingReplicaDeletionDays;
  // AWS reports the current key material only for symmetric encryption keys (the ones that rotate).
  if (currentKeyMaterialId && key.keySpec === 'SYMMETRIC_DEFAULT') metadata.CurrentKeyMaterialId = currentKeyMaterialId;
  if (key.origin === 'EXTERNAL') {
    // The expiry of the current imported material, as AWS reports it for EXTERNAL keys.
    const current = key.currentMaterial;
    if (current?.expirationModel) metadata.ExpirationModel = current.expirationModel;
    if (current?.validTo) metadata.ValidTo = current.validTo;
  }
  return metadata;
}
