/**
 * The service principal each blueprint security service is delegated and trusted
 * through (Organizations EnableAWSServiceAccess / RegisterDelegatedAdministrator).
 */
export const SECURITY_SERVICE_PRINCIPALS: Readonly<Record<string, string>> = {
  guardDuty: 'guardduty.amazonaws.com',
  securityHub: 'securityhub.amazonaws.com',
  accessAnalyzer: 'access-analyzer.amazonaws.com',
  macie: 'macie.amazonaws.com',
  detective: 'detective.amazonaws.com',
  inspector: 'inspector2.amazonaws.com',
  firewallManager: 'fms.amazonaws.com',
  auditManager: 'auditmanager.amazonaws.com',
};

/** Regional security services of the blueprint, in the order reports list them. */
export const REGIONAL_SECURITY_SERVICES = [
  'guardDuty',
  'securityHub',
  'accessAnalyzer',
  'macie',
  'detective',
  'inspector',
] as const;
