import { makeRelayCertificate } from '/work/wt/mail/src/sandbox/mail/certificate.ts';
const t = Date.now();
const c = await makeRelayCertificate();
console.log(Date.now() - t, c.caFile, c.key.slice(0, 40));
