/** Types of electron-native-logic.mjs, for the unit test. */
export interface ElectronState {
  installed: boolean;
  binary: boolean;
  version: string | null;
  abi: number | null;
}
export type Decision = { action: 'missing'; message: string } | { action: 'ready' } | { action: 'build' };
export function abiOfBinary(bytes: Uint8Array): number | null;
export function electronState(electronDir: string, env?: Record<string, string | undefined>): ElectronState;
export function decide(input: {
  electron: ElectronState;
  stampMatches: boolean;
  keptAbi: number | null;
}): Decision;
export function checkBuilt(
  builtAbi: number | null,
  electron: ElectronState,
): { ok: true } | { ok: false; message: string };
