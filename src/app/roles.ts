/** What a staff account or API token may do: admin everything, staff act on orders, viewer only read. */
export const ROLES = ['admin', 'staff', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
