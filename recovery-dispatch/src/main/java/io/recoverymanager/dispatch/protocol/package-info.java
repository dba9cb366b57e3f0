/**
 * The master/slave wire protocol: the messages ({@link io.recoverymanager.dispatch.protocol.Message}),
 * their strict length-prefixed frame codec ({@link io.recoverymanager.dispatch.protocol.FrameCodec})
 * and a framed connection over an AF_UNIX stream socket with bounded queues and its own reader and
 * writer threads ({@link io.recoverymanager.dispatch.protocol.FrameConnection}). See {@code
 * recovery-dispatch/PROTOCOL.md}.
 */
package io.recoverymanager.dispatch.protocol;
