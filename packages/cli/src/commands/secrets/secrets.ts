// `tsc-cog secrets set | list | rm`: the local store of deployment secrets (DESIGN §8).
export { secretsList } from "./list.js";
export { secretsRm } from "./rm.js";
export { secretsSet } from "./set.js";
