export { default } from "@homelab/eslint-config";
