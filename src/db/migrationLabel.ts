/**
 * A migration's short name. Pure and free of MikroORM, so the app's screens (which must not
 * load MikroORM) and the migrator share the one rule.
 */

/** add_mpa_column from Migration20251008000000_add_mpa_column. */
export function labelOf(name: string): string {
  return name.replace(/\.[jt]s$/, '').replace(/^Migration\d{14}_?/, '') || name;
}
