/**
 * utils/supabase/columns.ts: what column and table names say about the data. Used by the Supabase rules
 * (supabase-rls-disabled: sensitive columns and the owner column in the fix; supabase-policy-always-true and
 * supabase-rls-no-policy: the owner column; supabase-no-retention-job: personal or log tables and their time column)
 * and by Bubble's classifier (utils/bubble/classify.ts). Names follow splinter's 0023_sensitive_columns_exposed list
 * plus everyday personal data (the file's header).
 */
import { describe, expect, it } from 'vitest';
import { isSensitiveColumn, ownerColumn, personalOrLog, sensitiveColumns, timeColumn } from '@/utils/supabase/columns';

/** Every whole name the module documents as sensitive, grouped as in splinter's list. */
const SENSITIVE_WHOLE_NAMES = {
  credentials: [
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
  ],
  identifiers: [
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
  ],
  financial: ['credit_card', 'card_number', 'cc_number', 'cvv', 'cvc', 'cvn', 'bank_account', 'account_number', 'routing_number', 'iban', 'swift_code', 'bic'],
  health: ['health_record', 'medical_record', 'patient_id', 'insurance_number', 'health_insurance', 'medical_insurance', 'treatment', 'diagnosis'],
  devices: [
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
  ],
  personal: [
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
  ],
};

describe('isSensitiveColumn', () => {
  it.each(Object.entries(SENSITIVE_WHOLE_NAMES))('every documented %s name is sensitive', (_group, names) => {
    expect(names.filter((n) => !isSensitiveColumn(n))).toEqual([]);
  });

  it('compares names lower-cased, with dashes and runs of spaces as underscores', () => {
    for (const n of ['Email', 'CREDIT-CARD', 'Date Of Birth', 'date  of  birth', 'zip--code', 'Social Security Number', 'IP']) {
      expect(isSensitiveColumn(n), n).toBe(true);
    }
  });

  it.each([
    ['stripe_secret', 'secret'],
    ['old_passwd', 'passwd'],
    ['wallet_passphrase', 'passphrase'],
    ['github_token', 'token'],
    ['supabase_jwt', 'jwt'],
    ['user_ssn', 'ssn'],
    ['payout_iban', 'iban'],
    ['card_cvv', 'cvv'],
    ['card_cvc', 'cvc'],
    ['user_email', 'email'],
    ['work_phone', 'phone'],
    ['passport_scan', 'passport'],
    ['service_apikey', 'apikey'],
    ['user_password', 'password'],
  ])('%s is sensitive: it has the part "%s"', (name) => expect(isSensitiveColumn(name)).toBe(true));

  it.each(['card_number_last4', 'openai_api_key', 'ssh_private_key', 'google_access_token_value', 'github_refresh_token', 'api_key_v2'])(
    '%s is sensitive: it holds a sensitive two-word name between underscores',
    (name) => expect(isSensitiveColumn(name)).toBe(true),
  );

  it.each([
    ['email_verified', 'verified'],
    ['phone_confirmed', 'confirmed'],
    ['token_count', 'count'],
    ['token_type', 'type'],
    ['password_changed_at', 'at'],
    ['email_notifications_enabled', 'enabled'],
    ['token_limit', 'limit'],
    ['token_used', 'used'],
    ['token_expires', 'expires'],
    ['token_expiry', 'expiry'],
    ['password_length', 'length'],
    ['email_status', 'status'],
    ['email_sent', 'sent'],
    ['email_opt_in', 'opt'],
    ['email_consent', 'consent'],
    ['api_key_count', 'count'],
  ])('%s is about the data, not the data (the part "%s")', (name) => expect(isSensitiveColumn(name)).toBe(false));

  it.each([
    'id',
    'name',
    'title',
    'created_at',
    'description',
    'price',
    'tokenizer',
    'emails_list_name',
    'xcard_number',
    'card_numbers',
    'my_api_keys',
    'secretary',
    'zipper',
    '',
  ])('%j is not sensitive (no sensitive whole name, part or two-word name)', (name) => {
    // `emails_list_name`: the part is `emails`, not `email`; `secretary` and `tokenizer` only start with a sensitive word.
    expect(isSensitiveColumn(name)).toBe(false);
  });
});

describe('sensitiveColumns', () => {
  it('keeps the sensitive columns in their order and spelling', () => {
    expect(sensitiveColumns(['id', 'Email', 'name', 'stripe_secret', 'email_verified'])).toEqual(['Email', 'stripe_secret']);
  });
  it('is empty when the columns are not known or none is sensitive', () => {
    expect(sensitiveColumns(undefined)).toEqual([]);
    expect(sensitiveColumns([])).toEqual([]);
    expect(sensitiveColumns(['id', 'title'])).toEqual([]);
  });
});

describe('ownerColumn', () => {
  it.each(['user_id', 'owner_id', 'created_by', 'profile_id', 'author_id', 'owner', 'uid'])('%s names the row owner', (c) => {
    expect(ownerColumn({ name: 'notes', columns: ['id', 'body', c] })).toBe(c);
  });

  it('returns the column as the page spelled it, matching case-insensitively', () => {
    expect(ownerColumn({ name: 'notes', columns: ['id', 'User_ID'] })).toBe('User_ID');
  });

  it('prefers user_id, then owner_id, … over later candidates, whatever the column order', () => {
    expect(ownerColumn({ name: 'notes', columns: ['uid', 'owner', 'author_id', 'profile_id', 'created_by', 'owner_id', 'user_id'] })).toBe('user_id');
    expect(ownerColumn({ name: 'notes', columns: ['uid', 'created_by', 'owner_id'] })).toBe('owner_id');
    expect(ownerColumn({ name: 'notes', columns: ['uid', 'owner'] })).toBe('owner');
  });

  it.each(['profiles', 'profile', 'users', 'user', 'accounts', 'account', 'members', 'member', 'Profiles'])("a %s table's own id is the user's id", (name) =>
    expect(ownerColumn({ name, columns: ['ID', 'display_name'] })).toBe('ID'),
  );

  it('an owner column wins over a profile table’s id', () => {
    expect(ownerColumn({ name: 'profiles', columns: ['id', 'user_id'] })).toBe('user_id');
  });

  it('finds no owner in other tables, tables without the columns, or unknown columns', () => {
    expect(ownerColumn({ name: 'notes', columns: ['id', 'body'] })).toBeUndefined();
    expect(ownerColumn({ name: 'user_profiles', columns: ['id'] })).toBeUndefined();
    expect(ownerColumn({ name: 'profiles_archive', columns: ['id'] })).toBeUndefined();
    expect(ownerColumn({ name: 'profiles', columns: ['display_name'] })).toBeUndefined();
    expect(ownerColumn({ name: 'profiles' })).toBeUndefined();
    expect(ownerColumn({ name: 'notes' })).toBeUndefined();
  });
});

describe('timeColumn', () => {
  it.each(['created_at', 'inserted_at', 'logged_at', 'occurred_at', 'timestamp', 'event_time', 'sent_at', 'createdat', 'updated_at'])(
    '%s says how old a row is',
    (c) => expect(timeColumn({ columns: ['id', c] })).toBe(c),
  );

  it('returns the page’s spelling and prefers created_at over updated_at whatever the order', () => {
    expect(timeColumn({ columns: ['CreatedAt'] })).toBe('CreatedAt');
    expect(timeColumn({ columns: ['updated_at', 'sent_at', 'created_at'] })).toBe('created_at');
    expect(timeColumn({ columns: ['updated_at', 'inserted_at'] })).toBe('inserted_at');
  });

  it('finds none without a time column or columns', () => {
    expect(timeColumn({ columns: ['id', 'expires_at', 'date'] })).toBeUndefined();
    expect(timeColumn({})).toBeUndefined();
  });
});

describe('personalOrLog', () => {
  it.each([
    'logs',
    'log',
    'events',
    'event',
    'audits',
    'audit',
    'audit_log',
    'sessions',
    'session',
    'messages',
    'message',
    'analytics',
    'visits',
    'visit',
    'page_views',
    'pageviews',
    'page_view',
    'requests',
    'request',
    'activity',
    'activities',
    'history',
    'notifications',
    'notification',
    'tracking',
    'clicks',
    'click',
    'signups',
    'signup',
    'submissions',
    'submission',
    'leads',
    'lead',
    'contacts',
    'contact',
    'Login_Events',
    'app_logs',
    'events_2024',
    'user_activity_feed',
  ])('%s is a log table by name', (name) => expect(personalOrLog({ name, columns: ['id'] })).toBe('log'));

  it('a log name wins over personal columns', () => {
    expect(personalOrLog({ name: 'events', columns: ['email'] })).toBe('log');
  });

  it.each(['catalog', 'blogs', 'eventual', 'prevent', 'leaderboard', 'histories_x', 'requestor'])(
    '%s is not a log table (the word is only part of a word)',
    (name) => {
      expect(personalOrLog({ name, columns: ['id', 'title'] })).toBeUndefined();
    },
  );

  it.each([
    ['email', 'a sensitive column'],
    ['stripe_secret', 'a sensitive column'],
    ['email_verified', 'a personal part: a flag about a person’s email still marks a table about people'],
    ['phone_confirmed', 'a personal part'],
    ['work_mobile', 'a personal part'],
    ['billing_address_line1', 'a personal part'],
    ['birth_year', 'a personal part'],
    ['birthday_month', 'a personal part'],
    ['dob_year', 'a personal part'],
    ['last_ip', 'a personal part'],
    ['Home-Location', 'a personal part'],
    ['latitude', 'a personal part'],
    ['longitude', 'a personal part'],
    ['user_agent', 'a personal part'],
  ])('a table with %s holds personal data (%s)', (column) => {
    expect(personalOrLog({ name: 'customers', columns: ['id', column] })).toBe('personal');
  });

  it('other tables: neither', () => {
    expect(personalOrLog({ name: 'products', columns: ['id', 'title', 'price', 'token_count', 'ipsum', 'zip_file'] })).toBeUndefined();
    expect(personalOrLog({ name: 'products' })).toBeUndefined();
  });
});
