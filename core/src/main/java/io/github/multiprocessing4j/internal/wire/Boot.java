package io.github.multiprocessing4j.internal.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first frame a parent writes on a child's stdin: who the child is, how to call back, and what to trust.
 * It travels only on the child's private stdin pipe, so the secret never appears on a command line or in the
 * environment.
 *
 * @param childId the parent's number for this child, sent back in HELLO
 * @param secret the per-child secret the child proves on the socket
 * @param socketPath the parent's control socket
 * @param name the process name ({@code Process-1})
 * @param daemon whether the child is a daemon
 * @param identity the child's identity for naming its own children ({@code Process-1:2})
 * @param parentPid the parent's pid
 * @param parentStart the parent's start time ({@code internal.watch.Liveness}), for the child's parent watch
 * @param parentName the parent's process name
 * @param allowPatterns deserialization allow-list patterns of the parent
 * @param authkey the authentication key the child inherits (Python's {@code current_process().authkey})
 */
public record Boot(long childId, byte[] secret, String socketPath, String name, boolean daemon, int[] identity,
        long parentPid, long parentStart, String parentName, List<String> allowPatterns, byte[] authkey) {
    private static final int VERSION = 3;

    /** The BOOT frame. */
    public Frame toFrame() {
        return new Frame(FrameType.BOOT, encode());
    }

    /** This boot's bytes, as a BOOT frame or a {@link SpareBoot} carries them. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(childId);
            out.writeInt(secret.length);
            out.write(secret);
            out.writeUTF(socketPath);
            out.writeUTF(name);
            out.writeBoolean(daemon);
            out.writeInt(identity.length);
            for (int i : identity) {
                out.writeInt(i);
            }
            out.writeLong(parentPid);
            out.writeLong(parentStart);
            out.writeUTF(parentName);
            out.writeInt(allowPatterns.size());
            for (String p : allowPatterns) {
                out.writeUTF(p);
            }
            out.writeInt(authkey.length);
            out.write(authkey);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a boot's bytes.
     *
     * @throws IOException when they are damaged or come from another version of this library
     */
    public static Boot decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("parent and child disagree on the protocol: parent=" + version
                    + ", child=" + VERSION + " (are both on the same class path?)");
        }
        long childId = in.readLong();
        byte[] secret = in.readNBytes(in.readInt());
        String socketPath = in.readUTF();
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        int[] identity = new int[in.readInt()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = in.readInt();
        }
        long parentPid = in.readLong();
        long parentStart = in.readLong();
        String parentName = in.readUTF();
        int n = in.readInt();
        List<String> patterns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            patterns.add(in.readUTF());
        }
        int keyLength = in.readInt();
        if (keyLength < 0 || keyLength > 1024) {
            throw new IOException("damaged boot frame: authkey length " + keyLength);
        }
        byte[] authkey = in.readNBytes(keyLength);
        return new Boot(childId, secret, socketPath, name, daemon, identity, parentPid, parentStart, parentName,
                patterns, authkey);
    }
}
