import type { UnitOverride } from './units.js';
import type { DecimalOption } from './dialect.js';
import type { UnitSenseLimits } from '../defaults/ingest.js';

/**
 * What the user said about how to read the CSV inputs, shared by every reader: units of columns
 * (`--units`), the decimal separator (`--decimal-separator`), the unit-sense limits in force
 * (registry keys `ingest.*`), and the flag a file was given to (for messages).
 */
export interface IngestSettings {
  units?: readonly UnitOverride[];
  decimalSeparator?: DecimalOption;
  limits?: UnitSenseLimits;
  /** The flag the file was given to (`--servers`), named in messages about the file. */
  option?: string;
}
