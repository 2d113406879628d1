/** SQL fragments for statements of other libs that must join `organizations` (search, the digest). */
export const organizationsSql = {
  table: 'organizations',
};
