/**
 * Every lint rule orgward applies to a policy document, in one table: stable code, severity
 * and what it checks. Rule implementations report by code; severity comes only from here.
 */

/** Metadata of one rule. */
export interface RuleInfo {
  code: string;
  severity: 'error' | 'warning';
  description: string;
}

function rule(code: string, severity: RuleInfo['severity'], description: string): RuleInfo {
  return { code, severity, description };
}

/** The rule table, keyed by code. */
export const RULES = {
  // JSON syntax (parsePolicyText)
  'json-syntax': rule('json-syntax', 'error', 'The text is valid JSON.'),
  'json-comment': rule('json-comment', 'error', 'No comments: IAM and Organizations reject them.'),
  'json-trailing-comma': rule('json-trailing-comma', 'error', 'No trailing commas.'),
  'json-duplicate-key': rule('json-duplicate-key', 'error', 'No key appears twice in one object.'),
  // document
  'policy-not-object': rule('policy-not-object', 'error', 'The policy is a JSON object.'),
  'policy-cyclic': rule(
    'policy-cyclic',
    'error',
    'No value contains itself (YAML aliases can build such a cycle; JSON cannot express it).',
  ),
  'unknown-key': rule('unknown-key', 'error', 'Only documented policy and statement elements.'),
  'version-missing': rule(
    'version-missing',
    'warning',
    'IAM policies state Version; without it IAM uses 2008-10-17.',
  ),
  'version-invalid': rule('version-invalid', 'error', 'Version is "2012-10-17" or "2008-10-17".'),
  'version-2008': rule(
    'version-2008',
    'warning',
    'Version 2008-10-17 does not substitute policy variables.',
  ),
  'org-version': rule('org-version', 'error', 'SCPs and RCPs must state Version "2012-10-17".'),
  'id-invalid': rule('id-invalid', 'error', 'Id, when present, is a string.'),
  'statement-missing': rule('statement-missing', 'error', 'Statement is present and not empty.'),
  'statement-invalid': rule(
    'statement-invalid',
    'error',
    'Statement is an object or an array of objects.',
  ),
  // statement
  'sid-invalid': rule(
    'sid-invalid',
    'error',
    'Sid is a string of ASCII letters and digits (resource policies: any string).',
  ),
  'sid-duplicate': rule('sid-duplicate', 'error', 'Sids are unique within a policy.'),
  'effect-invalid': rule('effect-invalid', 'error', 'Effect is "Allow" or "Deny".'),
  'action-missing': rule('action-missing', 'error', 'A statement has Action or NotAction.'),
  'action-conflict': rule('action-conflict', 'error', 'Not both Action and NotAction.'),
  'resource-missing': rule(
    'resource-missing',
    'error',
    'A statement has Resource or NotResource (except trust policies).',
  ),
  'scp-resource-missing': rule(
    'scp-resource-missing',
    'warning',
    'SCP statements state Resource, as every documented example does.',
  ),
  'resource-conflict': rule('resource-conflict', 'error', 'Not both Resource and NotResource.'),
  'trust-resource': rule(
    'trust-resource',
    'error',
    'Trust policies have no Resource or NotResource.',
  ),
  'principal-missing': rule(
    'principal-missing',
    'error',
    'Resource, trust policies and RCPs name a Principal.',
  ),
  'principal-forbidden': rule(
    'principal-forbidden',
    'error',
    'No Principal/NotPrincipal where the policy type does not support it.',
  ),
  'principal-conflict': rule('principal-conflict', 'error', 'Not both Principal and NotPrincipal.'),
  'principal-invalid': rule(
    'principal-invalid',
    'error',
    'Principal is "*" or {AWS|Service|Federated|CanonicalUser: ...} without partial wildcards.',
  ),
  'notprincipal-allow': rule('notprincipal-allow', 'error', 'NotPrincipal only with Deny.'),
  'notaction-allow': rule(
    'notaction-allow',
    'warning',
    'NotAction with Allow grants every other action, including future ones.',
  ),
  // actions
  'action-invalid': rule(
    'action-invalid',
    'error',
    'Actions are "*" or "service:Action" (wildcards * and ? allowed).',
  ),
  'action-unknown-service': rule(
    'action-unknown-service',
    'warning',
    'The service prefix exists in the IAM catalog.',
  ),
  // IAM and Organizations accept any action name, and the catalog can trail AWS (AWS's own
  // example SCPs name retired aws-marketplace actions), so an unknown name is a warning; a
  // wildcard that matches nothing is certainly a mistake.
  'action-unknown': rule(
    'action-unknown',
    'warning',
    'The action exists in the IAM catalog (an unknown action never matches).',
  ),
  'action-wildcard-unmatched': rule(
    'action-wildcard-unmatched',
    'error',
    'A wildcard action matches at least one action of its service.',
  ),
  // resources and variables
  'resource-invalid': rule(
    'resource-invalid',
    'error',
    'Resources are "*" or arn:partition:service:region:account:resource.',
  ),
  'arn-account': rule(
    'arn-account',
    'error',
    'The ARN account is 12 digits, empty, "aws", a wildcard or a variable.',
  ),
  'variable-invalid': rule('variable-invalid', 'error', 'Every ${ has its closing }.'),
  'variable-unknown': rule(
    'variable-unknown',
    'warning',
    'Policy variables name known condition keys.',
  ),
  'variable-multivalued': rule(
    'variable-multivalued',
    'warning',
    'Multi-valued keys cannot be used as policy variables.',
  ),
  placeholder: rule(
    'placeholder',
    'warning',
    'No template placeholders left in ([NAME], <name>, {name}, ${Name}).',
  ),
  // conditions
  'condition-invalid': rule(
    'condition-invalid',
    'error',
    'Condition is {operator: {key: value or [values]}} with at least one value.',
  ),
  'condition-operator-unknown': rule(
    'condition-operator-unknown',
    'error',
    'Condition operators are documented ones.',
  ),
  'condition-key-invalid': rule(
    'condition-key-invalid',
    'error',
    'Condition keys are "prefix:name".',
  ),
  'condition-key-unknown': rule(
    'condition-key-unknown',
    'warning',
    'Condition keys are known global or service keys.',
  ),
  'condition-value-type': rule(
    'condition-value-type',
    'error',
    'Values fit the operator (Bool, Numeric, Date, IP/CIDR, ARN, base64, Null).',
  ),
  'condition-type-mismatch': rule(
    'condition-type-mismatch',
    'warning',
    "The operator family fits the key's type.",
  ),
  'condition-forallvalues-allow': rule(
    'condition-forallvalues-allow',
    'warning',
    'ForAllValues with Allow is true when the key is absent; pair it with a Null check.',
  ),
  'condition-set-single-valued': rule(
    'condition-set-single-valued',
    'warning',
    'ForAnyValue/ForAllValues are for multi-valued keys.',
  ),
  'condition-multivalued-plain': rule(
    'condition-multivalued-plain',
    'warning',
    'A plain operator on a multi-valued key does not match; use ForAnyValue/ForAllValues.',
  ),
  // organization policies
  'rcp-effect': rule(
    'rcp-effect',
    'error',
    'RCP statements Deny (Allow only in the AWS-managed RCPFullAWSAccess).',
  ),
  'rcp-principal': rule('rcp-principal', 'error', 'RCP Principal is "*".'),
  'rcp-notaction': rule('rcp-notaction', 'error', 'RCPs do not support NotAction.'),
  'rcp-action-star': rule(
    'rcp-action-star',
    'error',
    'RCP Action names a service ("*" alone is not allowed).',
  ),
  'rcp-unsupported-service': rule(
    'rcp-unsupported-service',
    'error',
    'RCP actions belong to services that support RCPs.',
  ),
  // size
  'policy-size': rule('policy-size', 'error', 'The document fits the size quota of its type.'),
} as const satisfies Record<string, RuleInfo>;

/** A rule code. */
export type RuleCode = keyof typeof RULES;

/** Every rule, for documentation and `orgward policy rules`. */
export function listRules(): RuleInfo[] {
  return Object.values(RULES);
}
