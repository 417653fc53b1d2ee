import type { PackingProblem } from '../../src/packing/problem.js';
export interface RawInstance {
  capacity: number[];
  items: number[][];
}
export interface NamedInstance extends RawInstance {
  name: string;
  optimum?: number;
  lb?: number;
}
export function parseBpp(text: string): RawInstance;
export function parseVbp(text: string): RawInstance;
export function toProblem(inst: RawInstance, name?: string): PackingProblem;
export function dataRoot(repoRoot: string): string;
export function loadFalkenauer(repoRoot: string): NamedInstance[];
export function loadCapraraToth(repoRoot: string): NamedInstance[];
export function loadMultidim(repoRoot: string): NamedInstance[];
