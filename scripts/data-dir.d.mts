export const REPO_ROOT: string;
export const DATA_DIR_DEFAULT: string;
export function dataDir(env?: NodeJS.ProcessEnv): string;
export function dataDirExists(dir?: string): boolean;
export function missingDataMessage(dir?: string): string;
