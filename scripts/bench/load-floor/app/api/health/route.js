// The floor: what Next itself costs for an API answer, with nothing of Keyscope's in it.
export const GET = () => Response.json({ ok: true, version: "0.1.0" });
