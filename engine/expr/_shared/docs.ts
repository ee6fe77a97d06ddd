/** Where MongoDB documents each aggregation operator. */
export function docsUrl(op: string): string {
  return `https://www.mongodb.com/docs/manual/reference/operator/aggregation/${op.toLowerCase()}/`;
}
