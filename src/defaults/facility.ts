/** Facility, energy price and carbon defaults: docs/models.md#facility. */
export const FACILITY_DEFAULTS = {
  pue: {
    value: 1.56,
    unit: 'ratio',
    source: 'Uptime Institute Global Data Center Survey 2024: average annual PUE 1.56 at respondents\' largest data centre [R]; docs/models.md#facility',
  },
  electricityUsdPerKWh: {
    value: 0.13,
    unit: 'USD/kWh',
    source: 'Our estimate [I] from the EIA Electric Power Annual 2023 [R]: average revenue per kWh by state, commercial sector mostly 9-14 c/kWh; the national commercial average of about 12.7 c/kWh was not re-read; docs/models.md#facility',
  },
  gridCarbonGPerKWh: {
    value: 367,
    unit: 'gCO2/kWh',
    source: 'U.S. EIA, FAQ "How much carbon dioxide is produced per kilowatthour of U.S. electricity generation?": 0.81 lb CO2/kWh for 2023 utility-scale generation [R] = 367 g/kWh [C]; docs/models.md#facility',
  },
  hoursPerYear: { value: 8760, unit: 'h', source: '365 days x 24 h (definition); docs/models.md#facility' },
} as const;
