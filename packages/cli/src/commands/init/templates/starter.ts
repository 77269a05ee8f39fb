// The names the starter project uses, shared by its files and by what `tsc-cog init` prints.

/** The deployment secret the starter reads in setup(), declared in its cog.yaml. */
export const DEPLOYMENT_SECRET = "signing_key";

/** The starter's secret input. */
export const SECRET_INPUT = "api_token";

/** The environment variable the documented `predict` command reads the secret input from. */
export const TOKEN_VARIABLE = "API_TOKEN";

/** The documented first prediction: the secret input comes from a variable, never from argv. */
export const PREDICT_COMMAND = `tsc-cog predict -i text=hello -i ${SECRET_INPUT}=env:${TOKEN_VARIABLE}`;

/** Stores the deployment secret at a hidden prompt (or from stdin). */
export const SECRETS_SET_COMMAND = `tsc-cog secrets set ${DEPLOYMENT_SECRET}`;
