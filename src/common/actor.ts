/** Roles are ordered (decision A1): an Admin may do everything an Editor may, plus user management. */
export enum Role {
  Viewer = 'Viewer',
  Editor = 'Editor',
  Admin = 'Admin',
}

export const ROLE_RANK: Record<Role, number> = { [Role.Viewer]: 1, [Role.Editor]: 2, [Role.Admin]: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

/** Who performs a change: recorded in the audit log. `null` actor means the system itself. */
export interface Actor {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
}
