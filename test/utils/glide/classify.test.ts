/** Personal-looking Glide column titles (free text, e.g. "Phone Number", "Customer Email"). */
import { describe, expect, it } from 'vitest';
import { isEmailColumn, isOwnerLikeColumn, isPersonalColumn } from '@/utils/glide/classify';

describe('Glide column classification', () => {
  it.each([
    ['Customers', 'Email'],
    ['Orders', 'Customer Email'],
    ['Orders', 'Phone Number'],
    ['Orders', 'Shipping Address'],
    ['Staff', 'Date of Birth'],
    ['Customers', 'Name'],
    ['Patients', 'Notes'],
    ['Orders', 'Full Name'],
    ['Anything', 'SSN'],
  ])('%s.%s is personal', (t, c) => expect(isPersonalColumn(t, c)).toBe(true));
  it.each([
    ['Products', 'Name'],
    ['Products', 'Notes'],
    ['Signups', 'Email verified'],
    ['Products', 'Price'],
    ['Events', 'Title'],
  ])('%s.%s is not', (t, c) => expect(isPersonalColumn(t, c)).toBe(false));
  it('email columns', () => {
    expect(isEmailColumn('E-mail')).toBe(true);
    expect(isEmailColumn('Email sent')).toBe(false);
  });
  it('owner-like columns', () => {
    expect(isOwnerLikeColumn('Assigned To')).toBe(true);
    expect(isOwnerLikeColumn('Price')).toBe(false);
  });
});
