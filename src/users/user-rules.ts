import { PASSWORD_MIN, USERNAME_PATTERN } from './dto/user.dto';

/**
 * What makes a username and a password acceptable, as messages. The service enforces them for every caller
 * (API, UI, CLI, bootstrap); the UI calls them too so a form can show every problem at once.
 */
export function usernameProblems(username: string): string[] {
  if (!username) return ['Username is required.'];
  return USERNAME_PATTERN.test(username) ? [] : ['Username may use 1 to 64 letters, digits, dot, dash, underscore and @.'];
}

export function passwordProblems(password: string): string[] {
  if (!password) return ['Password is required.'];
  if (password.length < PASSWORD_MIN) return [`Password must be at least ${PASSWORD_MIN} characters.`];
  return password.length > 200 ? ['Password must be at most 200 characters.'] : [];
}
