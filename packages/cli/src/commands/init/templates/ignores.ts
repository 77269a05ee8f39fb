/** The starter's .gitignore: dependencies, secrets, what `tsc-cog build` writes, logs. */
export function gitignore(): string {
  return `node_modules/
# Secrets: env files and a local secrets folder (tsc-cog secrets set keeps its store outside the project).
.env*
secrets/
# What tsc-cog build writes.
.tsc-cog/
*.log
`;
}

/**
 * The starter's .dockerignore: the same for the image build context, in Docker's syntax (a pattern
 * without `**` matches at the top of the context only), plus the repository itself.
 */
export function dockerignore(): string {
  return `.git
**/node_modules
# Secrets never go into an image: they are mounted at /secrets/<name> when it runs.
**/.env*
secrets
# What tsc-cog build writes.
.tsc-cog
**/*.log
`;
}
