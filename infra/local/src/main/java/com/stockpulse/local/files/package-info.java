/**
 * Files the local runtime rewrites while others read them, such as the state file the CLI looks for and the event
 * source mappings' checkpoints: {@link WholeFile} writes each through a temporary file and a move, so a reader sees
 * the old content or the new, never half of either. It needs nothing but the JDK, so any package of the runtime may
 * use it.
 */
package com.stockpulse.local.files;
