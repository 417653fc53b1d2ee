export { loadScenarioFile, fromScenarioDocument, parseScenarioDocument, checkScenarioPaths, BASE_NAME, type Scenario, type ScenarioError, type LoadedScenarios } from './scenario.js';
export { runWhatIf, compareScenarios, SENSITIVITY_VARIANTS, type WhatIfResult, type WhatIfScenario, type WhatIfRunOptions, type WhatIfProgress, type SensitivityResult, type SensitivityRow } from './run.js';
export { renderWhatIf, WHATIF_FORMATS, type WhatIfFormat } from './render.js';
export { METRICS, savingsObjective } from './metrics.js';
