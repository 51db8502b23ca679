/**
 * Small broken copies of the house for {@code dev.keybridge.architecture.HouseRulesCanFailTest}:
 * each class crosses one boundary a rule guards. Outside {@code dev.keybridge}, so the server's
 * component scan never sees them.
 */
package archfixture;
