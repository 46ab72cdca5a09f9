import { describe, expect, it } from "vitest";
import type { Job } from "@azure/arm-appcontainers";
import { buildRedeployTemplate, buildStartTemplate } from "./template";

const job: Job = {
  location: "East US",
  name: "nightly",
  template: {
    containers: [
      {
        name: "main",
        image: "lab/nightly:1.0.0",
        command: ["node"],
        args: ["batch.js"],
        resources: { cpu: 0.5, memory: "1Gi" },
        env: [
          { name: "BATCH", value: "no1" },
          { name: "DB_PASSWORD", secretRef: "db-password" },
          { name: "MODE", value: "full" },
        ],
        probes: [{ type: "Liveness", httpGet: { path: "/health", port: 8080 } }],
      },
    ],
    initContainers: [{ name: "migrate", image: "lab/migrate:1", command: ["migrate"], resources: { cpu: 0.25, memory: "0.5Gi" } }],
    volumes: [{ name: "data", storageType: "EmptyDir" }],
  },
};

describe("start template", () => {
  it("sends the whole container spec with the changed env, secret refs and the request key", () => {
    expect(buildStartTemplate(job, { BATCH: "no2", EXTRA: "1" }, "req-42")).toEqual({
      containers: [
        {
          name: "main",
          image: "lab/nightly:1.0.0",
          command: ["node"],
          args: ["batch.js"],
          resources: { cpu: 0.5, memory: "1Gi" },
          env: [
            { name: "BATCH", value: "no2" },
            { name: "DB_PASSWORD", secretRef: "db-password" },
            { name: "MODE", value: "full" },
            { name: "EXTRA", value: "1" },
            { name: "BATCHDECK_REQUEST", value: "req-42" },
          ],
        },
      ],
      initContainers: [{ name: "migrate", image: "lab/migrate:1", command: ["migrate"], resources: { cpu: 0.25, memory: "0.5Gi" } }],
    });
  });

  it("refuses a job without containers", () => {
    expect(() => buildStartTemplate({ location: "x", name: "empty" }, {}, "k")).toThrow(/no containers/);
  });
});

describe("redeploy template", () => {
  it("changes only the app container's image and sends everything else back", () => {
    const t = buildRedeployTemplate(job, "lab/nightly:1.1.0");
    expect(t.containers?.[0]).toEqual({ ...job.template!.containers![0], image: "lab/nightly:1.1.0" });
    expect(t.initContainers).toEqual(job.template!.initContainers);
    expect(t.volumes).toEqual(job.template!.volumes);
  });

  it("does not send back the explicit nulls Azure answers with", () => {
    const answered = {
      location: "West US",
      name: "nightly",
      template: { containers: [{ name: "main", image: "lab/nightly:1.0.0", env: [{ name: "DB_PASSWORD", secretRef: "db-password", value: null }], probes: null }], initContainers: null, volumes: null },
    } as unknown as Job;
    expect(buildRedeployTemplate(answered, "lab/nightly:1.1.0")).toEqual({
      containers: [{ name: "main", image: "lab/nightly:1.1.0", env: [{ name: "DB_PASSWORD", secretRef: "db-password" }] }],
    });
    expect(buildStartTemplate(answered, { BATCH: "no2" }, "req-1")).toEqual({
      containers: [{ name: "main", image: "lab/nightly:1.0.0", env: [{ name: "DB_PASSWORD", secretRef: "db-password" }, { name: "BATCH", value: "no2" }, { name: "BATCHDECK_REQUEST", value: "req-1" }] }],
    });
  });
});
