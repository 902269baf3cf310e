/**
 * Builds a `SET a = :a, b = :b` update from a patch object. Undefined values are skipped, so a
 * strict-parsed partial body can be passed straight in. Attribute names are always aliased.
 */
export function setExpression(patch: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  let i = 0;
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
    i++;
  }
  if (sets.length === 0) throw new Error('setExpression needs at least one defined field');
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
