/** Drop the parts of a URI that may carry credentials (user info, query string) before showing it. */
export function redactUri(u: string): string {
  return u.replace(/\/\/[^/@]*@/, '//').replace(/\?.*$/, '');
}
