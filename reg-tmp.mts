import * as z from 'zod/mini';
const A = z.object({ id: z.string() });
A.register(z.globalRegistry, { id: 'A' });
const B = z.object({ a: A, list: z.array(A) });
console.log(JSON.stringify(z.toJSONSchema(B, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' })));
console.log(JSON.stringify(z.toJSONSchema(A, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' })));
