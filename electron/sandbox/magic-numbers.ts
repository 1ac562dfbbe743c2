// Magic test numbers: North American numbers whose last seven digits are 555-01XX (the range
// reserved for fiction, which phone-number libraries still accept as valid) choose the outcome.
// Any area code works; every other number is delivered after a realistic delay.

/** What one dialled call does. */
export type CallOutcome = 'success' | 'busy' | 'no-answer' | 'not-fax' | 'bad-number' | 'disconnect';

export interface Scenario {
  /** One entry per call; the last entry repeats if the fax is redialled beyond the list. */
  calls: readonly CallOutcome[];
  restricted?: boolean;
  conversionFails?: boolean;
  creditCheckFails?: boolean;
}

interface MagicEntry {
  suffix: string;
  outcome: string;
  scenario: Scenario;
}

const ENTRIES: readonly MagicEntry[] = [
  {
    suffix: '5550101',
    outcome: 'Busy twice, then delivered (3 attempts; only the last is charged)',
    scenario: { calls: ['busy', 'busy', 'success'] },
  },
  {
    suffix: '5550102',
    outcome: 'No answer, redialled until attempts run out (3 attempts, failed, LastStatus 1, no charge)',
    scenario: { calls: ['no-answer'] },
  },
  {
    suffix: '5550103',
    outcome: 'Answered by a voice line, not a fax (1 attempt, failed, LastStatus 3, no charge)',
    scenario: { calls: ['not-fax'] },
  },
  {
    suffix: '5550104',
    outcome: 'Not a valid telephone number (1 attempt, failed, LastStatus 5, no charge)',
    scenario: { calls: ['bad-number'] },
  },
  {
    suffix: '5550105',
    outcome: 'Restricted: the submission is refused with RestrictedFaxNumber',
    scenario: { calls: ['success'], restricted: true },
  },
  {
    suffix: '5550106',
    outcome: 'Document cannot be converted (CurrentState 10, LastStatus 8, no call, no charge)',
    scenario: { calls: ['success'], conversionFails: true },
  },
  {
    suffix: '5550107',
    outcome: 'Credit check fails (CurrentState 11 credit hold, LastStatus 9, no call, no charge)',
    scenario: { calls: ['success'], creditCheckFails: true },
  },
  {
    suffix: '5550108',
    outcome: 'Call dropped halfway, then delivered (2 attempts, LastStatus 6 then 0; pages sent are charged each time)',
    scenario: { calls: ['disconnect', 'success'] },
  },
];

const DEFAULT_SCENARIO: Scenario = { calls: ['success'] };

/** Magic numbers for the README and the app's sandbox banner. `pattern`: the number ends with these digits. */
export const MAGIC_NUMBERS: ReadonlyArray<{ pattern: string; outcome: string; example: string; suffix: string }> = ENTRIES.map((e) => ({
  pattern: `…${e.suffix}`,
  outcome: e.outcome,
  example: `1202${e.suffix}`,
  suffix: e.suffix,
}));

export const DEFAULT_OUTCOME = 'Any other number: delivered on the first attempt after a realistic delay';

/** The scenario a vendor-format number (digits only) plays. */
export function scenarioFor(faxNumber: string): Scenario {
  return ENTRIES.find((e) => faxNumber.endsWith(e.suffix))?.scenario ?? DEFAULT_SCENARIO;
}
