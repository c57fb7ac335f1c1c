/** Small helpers for building diagnostics. */
import type { Diagnostic } from './model.js';

/** A diagnostic at a 1-based line and column. */
export function diagnostic(line: number, column: number, message: string): Diagnostic {
  return { line, column, message };
}

/** Errors and warnings collected while parsing; passed down explicitly, never shared. */
export interface Diagnostics {
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** A fresh, empty collection. */
export function newDiagnostics(): Diagnostics {
  return { errors: [], warnings: [] };
}
