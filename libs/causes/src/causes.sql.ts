/**
 * SQL fragments for statements of other libs that must walk the cause tree or join `causes` inside
 * one statement (cause pages, fan-out, search): the table and the recursion are written here only.
 */
export const causesSql = {
  table: 'causes',
  /**
   * `SELECT id` of every cause in the subtrees under the roots `rootsSql` selects (one `id` column,
   * e.g. `SELECT $2::uuid AS id`), roots included; usable as a subquery or in `IN (...)`.
   */
  subtree: (rootsSql: string) =>
    `WITH RECURSIVE down AS (${rootsSql} UNION SELECT c.id FROM causes c JOIN down ON c.parent_id = down.id) SELECT id FROM down`,
};
