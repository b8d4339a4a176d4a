/**
 * Statements to policy documents, and the size AWS Organizations counts for them.
 */
import type { PolicyDocument, Statement } from './types.js';

/** Wrap statements into a policy document with the only current policy language version. */
export function toPolicyDocument(statements: readonly Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: [...statements] };
}

/**
 * Size of the document as orgward submits it (minified JSON). Organizations counts every
 * character of the stored text, whitespace included, so submitting minified is cheapest.
 */
export function minifiedSize(doc: PolicyDocument): number {
  return JSON.stringify(doc).length;
}
