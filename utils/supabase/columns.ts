/**
 * What column and table names suggest about the data inside. Pure; names only, never values.
 * Sensitive names follow splinter's 0023_sensitive_columns_exposed list (credentials, identifiers, financial,
 * health, device ids) plus everyday personal data (email, phone, address, birth date, IP address).
 */
import type { DashboardTable } from './dashboard-evidence';

const norm = (name: string) => name.toLowerCase().replace(/[-\s]+/g, '_');

/** Whole names (after lower-casing, `-` → `_`). */
const SENSITIVE_NAMES = new Set([
  // credentials
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'password_hash',
  'hashed_password',
  'secret',
  'secret_key',
  'private_key',
  'api_key',
  'apikey',
  'auth_key',
  'token',
  'jwt',
  'access_token',
  'refresh_token',
  'oauth_token',
  'session_token',
  'bearer_token',
  'auth_code',
  'session_id',
  'session_key',
  'session_secret',
  'recovery_code',
  'backup_code',
  'verification_code',
  'otp',
  'two_factor',
  '2fa_secret',
  '2fa_code',
  // identifiers
  'ssn',
  'social_security',
  'social_security_number',
  'driver_license',
  'drivers_license',
  'license_number',
  'passport_number',
  'passport_id',
  'national_id',
  'tax_id',
  // financial
  'credit_card',
  'card_number',
  'cc_number',
  'cvv',
  'cvc',
  'cvn',
  'bank_account',
  'account_number',
  'routing_number',
  'iban',
  'swift_code',
  'bic',
  // health
  'health_record',
  'medical_record',
  'patient_id',
  'insurance_number',
  'health_insurance',
  'medical_insurance',
  'treatment',
  'diagnosis',
  // devices, keys, biometrics
  'mac_address',
  'macaddr',
  'imei',
  'device_uuid',
  'pgp_key',
  'gpg_key',
  'ssh_key',
  'certificate',
  'license_key',
  'activation_key',
  'facial_recognition',
  // personal data
  'email',
  'email_address',
  'phone',
  'phone_number',
  'mobile',
  'mobile_number',
  'telephone',
  'address',
  'street',
  'street_address',
  'home_address',
  'postcode',
  'postal_code',
  'zip',
  'zip_code',
  'date_of_birth',
  'dob',
  'birthdate',
  'birth_date',
  'birthday',
  'ip',
  'ip_address',
  'full_name',
  'first_name',
  'last_name',
  'surname',
]);
/** Words that make any name sensitive when they appear as a part (`stripe_secret`, `user_email`, `card_number_last4`). */
const SENSITIVE_PARTS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'jwt',
  'ssn',
  'iban',
  'cvv',
  'cvc',
  'email',
  'phone',
  'passport',
  'apikey',
]);
/** Parts that turn a name into a flag, count or time about the data rather than the data (`email_verified`, `token_count`). */
const META_PARTS = new Set([
  'verified',
  'confirmed',
  'count',
  'type',
  'at',
  'enabled',
  'limit',
  'used',
  'expires',
  'expiry',
  'length',
  'status',
  'sent',
  'opt',
  'consent',
]);

export function isSensitiveColumn(name: string): boolean {
  const n = norm(name);
  if (SENSITIVE_NAMES.has(n)) return true;
  const parts = n.split('_').filter(Boolean);
  if (parts.some((p) => META_PARTS.has(p))) return false;
  return parts.some((p) => SENSITIVE_PARTS.has(p)) || /(^|_)(card_number|api_key|private_key|access_token|refresh_token)(_|$)/.test(n);
}

export function sensitiveColumns(columns: readonly string[] | undefined): string[] {
  return (columns ?? []).filter(isSensitiveColumn);
}

/** The column that holds the row owner's auth.users id, when one is evident. */
const OWNER_COLUMNS = ['user_id', 'owner_id', 'created_by', 'profile_id', 'author_id', 'owner', 'uid'];
export function ownerColumn(table: Pick<DashboardTable, 'name' | 'columns'>): string | undefined {
  const cols = table.columns ?? [];
  const lower = new Map(cols.map((c) => [c.toLowerCase(), c]));
  for (const c of OWNER_COLUMNS) if (lower.has(c)) return lower.get(c);
  // A profile row's own id is the user's id (profiles.id references auth.users.id).
  if (/^(profiles?|users?|accounts?|members?)$/i.test(table.name) && lower.has('id')) return lower.get('id');
  return undefined;
}

/** The timestamp that says how old a row is, when one is evident. */
const TIME_COLUMNS = ['created_at', 'inserted_at', 'logged_at', 'occurred_at', 'timestamp', 'event_time', 'sent_at', 'createdat', 'updated_at'];
export function timeColumn(table: Pick<DashboardTable, 'columns'>): string | undefined {
  const lower = new Map((table.columns ?? []).map((c) => [c.toLowerCase(), c]));
  for (const c of TIME_COLUMNS) if (lower.has(c)) return lower.get(c);
  return undefined;
}

/** Personal data in everyday sense (who someone is, how to reach them, where they were). */
const PERSONAL_PARTS = new Set(['email', 'phone', 'mobile', 'address', 'birth', 'birthday', 'dob', 'ip', 'location', 'latitude', 'longitude', 'agent']);
/** Tables that are logs or activity records by name. */
const LOG_TABLE =
  /(^|_)(logs?|events?|audits?|audit_log|sessions?|messages?|analytics|visits?|page_?views?|requests?|activit(y|ies)|history|notifications?|tracking|clicks?|signups?|submissions?|leads?|contacts?)($|_)/i;

/** Why a table holds personal data or logs (for the retention check), or undefined. */
export function personalOrLog(table: Pick<DashboardTable, 'name' | 'columns'>): 'personal' | 'log' | undefined {
  if (LOG_TABLE.test(table.name)) return 'log';
  const cols = table.columns ?? [];
  if (
    cols.some(
      (c) =>
        isSensitiveColumn(c) ||
        norm(c)
          .split('_')
          .some((p) => PERSONAL_PARTS.has(p)),
    )
  )
    return 'personal';
  return undefined;
}
