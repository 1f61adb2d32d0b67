/** The words every routing package uses: the channels work comes in on, and the strategies that pick an agent. */
package io.switchboard.routing.shared;
