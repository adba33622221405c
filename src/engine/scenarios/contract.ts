/**
 * The scenario contract (issue 8): the file format every scenario follows and the player that
 * the TUI and `kms-sandbox replay` drive. The loader/validator and the player implement these
 * types; content, the TUI and tests are written against them.
 *
 * A scenario file is `scenarios/NN-slug.yaml`:
 *
 * ```yaml
 * formatVersion: 1
 * id: cross-region-snapshot            # kebab-case, unique, the file's slug
 * title: Copy an encrypted EBS snapshot to another Region
 * summary: One paragraph of what the learner will see.
 * sources:                             # what the story rests on, accurate as of 2026
 *   - https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 * start:
 *   date: 2026-03-02T09:00:00Z         # the virtual clock's start
 *   region: us-east-1                  # the console's Region
 *   setup:                             # console lines run before step 1, not narrated (optional)
 *     - key1 = kms create-key --description "EBS key 1"
 * steps:
 *   - title: An encrypted volume
 *     narration: |                     # Markdown, shown in the Guide pane
 *       EBS asks KMS for a data key under key 1…
 *     command: vol = ec2 create-volume --availability-zone us-east-1a --size 8 --encrypted --kms-key-id $key1.KeyMetadata.KeyId
 *     expect:                          # the expected outcome of the command
 *       ok: true                       # or: error: KMSInvalidStateException
 *       output:                        # optional: a subset the output must contain ($refs allowed)
 *         Encrypted: true
 *       audit:                         # optional: records the step must add (each matched by a subset)
 *         - { eventName: GenerateDataKeyWithoutPlaintext, awsRegion: us-east-1, invokedBy: ec2.amazonaws.com }
 *   - title: A step with narration only   # `command` is optional; then there is no `expect`
 *     narration: …
 * goals:                               # named checks on the sandbox's state after the last step
 *   - id: copy-under-key-2
 *     title: The copy is encrypted under key 2
 *     check:                           # a command that only looks (a read) and its outcome, or an audit match
 *       command: ec2 describe-snapshots --snapshot-ids $copy.SnapshotId --region eu-west-1
 *       expect: { ok: true, output: { Snapshots: [ { KmsKeyId: $key2.KeyMetadata.Arn } ] } }
 *     failure: The copy must be re-encrypted under a key of eu-west-1.
 *   - id: decrypt-in-source
 *     title: EBS decrypted the source data key in us-east-1
 *     check:
 *       audit: { eventName: Decrypt, awsRegion: us-east-1, invokedBy: ec2.amazonaws.com }
 *     failure: …
 * hints:                               # for exercises, shown one at a time
 *   - Copy the snapshot with --kms-key-id naming a key in eu-west-1.
 * exercise:                            # optional: the scenario is also an exercise
 *   task: |                            # Markdown: what the learner must do from the start state
 *     …
 *   solution:                          # the reference solution: console lines that meet every goal
 *     - …
 * ```
 *
 * Matching: `output` and `audit` entries match by subset (objects: every given member matches;
 * arrays: every given element matches some element); strings may hold `$name.Path` references to
 * earlier named outputs. An audit entry's `invokedBy` reads `userIdentity.invokedBy`; its other
 * members are CloudTrail record members (`eventName`, `awsRegion`, `errorCode`, `eventSource`,
 * `requestParameters`, …).
 */

/** The format version this build reads. */
export const SCENARIO_FORMAT_VERSION = 1;

/** The expected outcome of a console command. */
export interface Expectation {
  /** True: the command must succeed. False: it must fail (with `error` when given). */
  readonly ok: boolean;
  /** The AWS error code the command must fail with. */
  readonly error?: string;
  /** A subset the output must contain. */
  readonly output?: unknown;
  /** CloudTrail records the command must add, each matched by a subset. */
  readonly audit?: readonly Record<string, unknown>[];
}

export interface ScenarioStep {
  readonly title: string;
  readonly narration: string;
  readonly command?: string;
  readonly expect?: Expectation;
}

/** A named check on the sandbox's state. */
export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly check: { readonly command: string; readonly expect: Expectation } | { readonly audit: Record<string, unknown> };
  /** Why the goal is not met, in words for the learner. */
  readonly failure: string;
}

export interface Scenario {
  readonly formatVersion: number;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly sources: readonly string[];
  readonly start: { readonly date?: string; readonly region?: string; readonly setup?: readonly string[] };
  readonly steps: readonly ScenarioStep[];
  readonly goals: readonly Goal[];
  readonly hints: readonly string[];
  readonly exercise?: { readonly task: string; readonly solution: readonly string[] };
  /** Where it was loaded from. */
  readonly file: string;
}

/** One problem in a content file: where, what, and how to fix it. */
export interface ContentError {
  readonly file: string;
  /** 1-based; 0 when the problem is the whole file. */
  readonly line: number;
  /** The field's path, e.g. `steps[2].expect.error`. */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** What one step did when played. */
export interface StepResult {
  readonly index: number;
  readonly step: ScenarioStep;
  /** The console line's result (absent for narration-only steps). */
  readonly result?: import('../console/console-session.js').ConsoleResult;
  /** The audit records the step added (with their Regions). */
  readonly audit: readonly import('../../sim/index.js').AuditRecord[];
  /** Every expectation that did not hold, in words; empty when the step is as expected. */
  readonly failures: readonly string[];
}

/**
 * Plays a scenario over a fresh sandbox, step by step. Back and restart replay from the start
 * (the simulator is deterministic enough for the story: ids and ciphertext differ, outcomes do not).
 * The TUI owns timing (play/pause, speed); the player only moves when asked.
 */
export interface ScenarioPlayer {
  readonly scenario: Scenario;
  /** The console session the steps run in; the learner may take it over at any step. */
  readonly session: import('../console/console-session.js').ConsoleSession;
  /** How many steps have run (0 before the first). */
  readonly position: number;
  readonly results: readonly StepResult[];
  /** True when every step has run. */
  readonly done: boolean;
  /** The start state's setup lines that failed or did not parse, in words (empty when all ran). */
  readonly setupFailures: readonly string[];
  /** Runs the next step; returns its result, or undefined when done. */
  next(): StepResult | undefined;
  /** Goes back one step (replays the steps before it in a fresh sandbox). */
  back(): void;
  /** Back to the start state. */
  restart(): void;
  /** Evaluates the goals against the current state: each with whether it holds and why not. */
  checkGoals(): readonly { readonly goal: Goal; readonly met: boolean; readonly reason?: string }[];
  /** Listens for changes (a step ran, back, restart, a new sandbox); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}
