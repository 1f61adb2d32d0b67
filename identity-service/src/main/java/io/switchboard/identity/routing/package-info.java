/** The routing setup an invitation or a direct creation may carry: its shape check, shared by both features. */
package io.switchboard.identity.routing;
