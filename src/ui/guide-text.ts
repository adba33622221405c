/** The Guide pane's text in free play: a welcome and a short "try this" tour. */
export const FREE_PLAY_GUIDE = `# Welcome to kms-sandbox

A simulated AWS KMS with real cryptography, Region-scoped HSMs and a virtual clock. Type AWS CLI
commands in the **Console**; watch **Keys**, **Audit** and **Metrics** react.

## Try this

1. \`key = kms create-key --description demo\` creates a key and names the output \`key\`.
2. \`kms create-alias --alias-name alias/demo --target-key-id $key.KeyMetadata.KeyId\`
3. \`ct = kms encrypt --key-id alias/demo --plaintext "hello" --encryption-context app=demo\`
4. \`kms decrypt --ciphertext-blob $ct.CiphertextBlob --encryption-context app=demo\`
5. Try the wrong context: \`--encryption-context app=other\` is refused (InvalidCiphertextException).
6. \`kms disable-key --key-id $key.KeyMetadata.KeyId\`, then encrypt again: DisabledException.
7. \`kms schedule-key-deletion --key-id $key.KeyMetadata.KeyId --pending-window-in-days 7\`,
   then \`clock advance 7d\`: the key is gone for good, and so is every ciphertext under it.

\`help\` lists every command; \`help encrypt\` shows its flags; Tab completes. \`region use eu-west-1\`
switches Region: keys never leave their Region. Press \`?\` for the keys of the screen.
`;
