/** What a run of the project sees: runtime, library version, data locations and their check. */
package org.modelevolution.environment;
