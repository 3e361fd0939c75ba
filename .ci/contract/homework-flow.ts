// A clinic app's homework flow, typed by the client generated from docs/openapi.json (`npx openapi-typescript`).
// It is only typechecked (tsc --noEmit): an operation, field or enum that the document drops or renames fails it.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/intersession-api";

type AssignmentView = components["schemas"]["AssignmentView"];
type Problem = components["schemas"]["Problem"];

export async function homeworkWeek(baseUrl: string, therapistEmail: string, password: string, clientToken: string,
                                   clientId: string): Promise<number> {
  const api = createClient<paths>({ baseUrl });
  const login = await api.POST("/api/v1/auth/login", { body: { email: therapistEmail, password } });
  if (!login.data) {
    const problem: Problem | undefined = login.error;
    throw new Error(problem?.detail ?? "login failed");
  }
  const therapist = { Authorization: `Bearer ${login.data.access_token}` };
  const created = await api.POST("/api/v1/assignments", {
    headers: { ...therapist, "Idempotency-Key": crypto.randomUUID() },
    body: {
      clientId,
      rationale: "Catching automatic thoughts is the first step to testing them.",
      title: "Daily thought record",
      schedule: { type: "RECURRING", start: "2026-03-01T20:00", rrule: "FREQ=DAILY" },
    },
  });
  const assignment: AssignmentView | undefined = created.data;
  if (!assignment) {
    throw new Error(created.error?.detail ?? "not assigned");
  }
  const asClient = { Authorization: `Bearer ${clientToken}` };
  await api.POST("/api/v1/assignments/{id}/acknowledge", { params: { path: { id: assignment.id } }, headers: asClient });
  const logged = await api.POST("/api/v1/progress-entries", {
    headers: asClient,
    body: { id: crypto.randomUUID(), assignmentId: assignment.id, occurrenceKey: "2026-03-01T20:00", status: "DONE" },
  });
  if (logged.response.status !== 201 && logged.response.status !== 200) {
    throw new Error(logged.error?.detail ?? "not logged");
  }
  const adherence = await api.GET("/api/v1/adherence/assignments/{id}", {
    params: { path: { id: assignment.id }, query: { from: "2026-03-01" } },
    headers: therapist,
  });
  return adherence.data?.completionRate ?? 0;
}
