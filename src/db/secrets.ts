/**
 * Keeping database passwords out of everything the app shows or writes. Plain code (no
 * driver, no SQL), so the UI may use it for the lines it prints.
 */

/**
 * "scheme://user:" and what follows up to the last "@" of the word: a password may hold an
 * unencoded @ or /, and hiding too much is better than showing some of it.
 */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)(\S*)@/gi;

/** The URL with its password replaced by ****; used everywhere a URL is shown or logged. */
export function maskUrl(url: string): string {
  let out = url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    out = parsed.toString();
  } catch {
    // Not a URL we can parse: the pattern below hides the password all the same.
  }
  // Also when the parser took part of the password for the host ("u:pa/ss@h/db").
  return out.replace(USERINFO, '$1****@');
}

/** Passwords of the URLs this process was given: scrubSecrets hides them wherever they appear. */
const knownPasswords = new Set<string>();

/** Remembers the URL's password (as written and decoded), so no message can show it later. Returns the URL. */
export function rememberSecret(url: string): string {
  for (const password of passwordsOf(url)) {
    // Shorter ones would turn ordinary words into ****; those still go through the URL pattern.
    if (password.length >= 3) knownPasswords.add(password);
  }
  return url;
}

/**
 * Hides passwords in a message (drivers' errors may echo the connection string): any
 * `scheme://user:password@`, and every password this process was given (see rememberSecret)
 * or that `url` carries.
 */
export function scrubSecrets(message: string, url?: string): string {
  let out = message.replace(USERINFO, '$1****@');
  const passwords = url ? [...knownPasswords, ...passwordsOf(url).filter((p) => p.length >= 3)] : [...knownPasswords];
  // Longest first, so a password containing another is hidden whole.
  for (const password of passwords.sort((a, b) => b.length - a.length)) out = out.split(password).join('****');
  return out;
}

/** The password as the URL parser sees it and as the pattern does (they differ for a malformed URL), raw and decoded. */
function passwordsOf(url: string): string[] {
  const raw = [new RegExp(USERINFO.source, 'i').exec(url)?.[2] ?? ''];
  try {
    raw.push(new URL(url).password);
  } catch {
    // the pattern's is all there is
  }
  const decoded = raw.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p; // a malformed escape
    }
  });
  return [...new Set([...raw, ...decoded])].filter(Boolean);
}
