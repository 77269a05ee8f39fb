import { DEPLOYMENT_SECRET, PREDICT_COMMAND, SECRET_INPUT, SECRETS_SET_COMMAND, TOKEN_VARIABLE } from "./starter.js";

/** The starter's README.md: what the project is and the commands that run it, with no credentials in it. */
export function readme(name: string): string {
  return `# ${name}

A tsc-cog predictor (Cog-style, in TypeScript). \`predict.ts\` signs text with
HMAC-SHA256 under the deployment secret \`${DEPLOYMENT_SECRET}\` and takes a secret input \`${SECRET_INPUT}\`;
neither value is ever printed — tsc-cog shows \`**********\` in its place.

| file            | what it is                                                            |
| --------------- | --------------------------------------------------------------------- |
| \`predict.ts\`    | the predictor: its inputs, \`setup()\` and \`predict()\`                  |
| \`cog.yaml\`      | the predictor to run and the deployment secrets it needs (names only) |
| \`package.json\`  | the SDK, the CLI and the type checker                                 |
| \`tsconfig.json\` | type-checking settings (decorators and their metadata)                |

## Run a prediction

\`\`\`sh
${commented("npm install", "the SDK's types, the CLI (npx tsc-cog) and the type checker")}
${commented(SECRETS_SET_COMMAND, "the deployment secret, typed at a hidden prompt")}
${PREDICT_COMMAND}
\`\`\`

\`-i ${SECRET_INPUT}=env:${TOKEN_VARIABLE}\` reads the token from the environment variable \`${TOKEN_VARIABLE}\`, so it
stays out of your shell history; \`-i ${SECRET_INPUT}=@token.txt\` reads a file, and leaving the input out
asks for it at a hidden prompt. In CI or a container, give the deployment secret as the variable
\`TSC_COG_SECRET_${DEPLOYMENT_SECRET}\` or the file \`/secrets/${DEPLOYMENT_SECRET}\` instead of the local store.

## Serve, check, build

\`\`\`sh
${commented("tsc-cog serve", "Cog's HTTP API on http://127.0.0.1:8393 (POST /predictions)")}
${commented("npm run typecheck", "tsc --noEmit")}
${commented("tsc-cog build", "a container image")}
\`\`\`
`;
}

/** A shell line with its comment in the column the README's commands share. */
const commented = (command: string, comment: string) => `${command.padEnd(32)}  # ${comment}`;
