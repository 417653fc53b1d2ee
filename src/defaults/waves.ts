/** Migration-wave defaults: docs/models.md#migration-waves. */
export const WAVE_DEFAULTS = {
  intervalDays: {
    value: 7,
    unit: 'days per wave',
    source: 'Our assumption [I]: one change window a week, so one wave a week; the savings of each wave accrue over its window (cumulativeSavedUsd); docs/models.md#migration-waves',
  },
} as const;
