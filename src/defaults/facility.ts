/** Facility, energy price and carbon defaults. Sources: ../shared/MODELS.md §3.4, §3.5, §4.3. */
export const FACILITY_DEFAULTS = {
  pue: {
    value: 1.56,
    unit: 'ratio',
    source: 'Uptime Institute Global Data Center Survey 2024: average PUE 1.56 at respondents\' largest data centre [R]; MODELS.md §3.4',
  },
  electricityUsdPerKWh: {
    value: 0.13,
    unit: 'USD/kWh',
    source: 'Our judgement from EIA 2023 data: US commercial average ~12.7 c/kWh [M/I]; MODELS.md §4.3',
  },
  gridCarbonGPerKWh: {
    value: 367,
    unit: 'gCO2/kWh',
    source: 'EIA FAQ id=74: US 2023 utility-scale generation 0.81 lb CO2/kWh = 367 g/kWh [R/C]; MODELS.md §3.5',
  },
  hoursPerYear: { value: 8760, unit: 'h', source: '365 days x 24 h (definition)' },
} as const;
