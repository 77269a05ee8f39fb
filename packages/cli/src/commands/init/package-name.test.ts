import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FALLBACK_PACKAGE_NAME, packageNameFor } from "./package-name.js";

describe("packageNameFor", () => {
  const cases: [folder: string, name: string][] = [
    ["/home/me/my-model", "my-model"],
    ["relative/My Model", "my-model"],
    ["/tmp/Résumé Ranker!", "resume-ranker"],
    ["/tmp/.hidden_thing", "hidden_thing"],
    ["/tmp/__private", "private"],
    ["/tmp/name.", "name"],
    ["/tmp/a.b~c_d-e", "a.b-c_d-e"],
    ["/tmp/model@2024", "model-2024"],
    ["/tmp/Node_Modules", FALLBACK_PACKAGE_NAME],
    ["/tmp/___", FALLBACK_PACKAGE_NAME],
    ["/", FALLBACK_PACKAGE_NAME],
    ["/tmp/模型", FALLBACK_PACKAGE_NAME],
  ];
  for (const [folder, name] of cases) {
    it(`names the project in ${JSON.stringify(folder)} ${JSON.stringify(name)}`, () => {
      assert.equal(packageNameFor(folder), name);
    });
  }

  it("keeps names within npm's 214 characters", () => {
    assert.equal(packageNameFor(`/tmp/${"x".repeat(300)}`).length, 214);
  });

  it("gives only names npm accepts, whatever the folder", () => {
    for (const folder of ["A B", "-x-", "..", `${"x".repeat(213)}-y`, "ÄÖÜ", "a/b/C++", "~tilde"]) {
      const name = packageNameFor(folder);
      assert.match(name, /^[a-z0-9][a-z0-9\-._]*$/, `${folder} → ${name}`);
      assert.ok(name.length <= 214, `${folder} → ${name}`);
    }
  });
});
