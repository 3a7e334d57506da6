package dev.connections.core.internal;

import dev.connections.core.internal.oauth.Sealer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts a connection's secrets (secret settings, tokens), and the verifier and settings of a pending OAuth
 * authorization, with AES-GCM before they reach storage. The connection id (or the authorization's context) is bound
 * as associated data, so ciphertext moved to another connection does not decrypt. Thread-safe.
 */
public final class SecretBox implements Sealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretKey key) {
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("the secret key must be an AES key, not " + key.getAlgorithm());
        }
        this.key = key;
    }

    /** @return a fresh random AES-256 key */
    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make AES keys", e);
        }
    }

    /** @return ciphertext of the secrets, or null when there are none */
    @Override
    public byte[] seal(String connectionId, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(connectionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(encode(secrets));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt the secrets of connection " + connectionId, e);
        }
    }

    /** @return the secrets; empty for null ciphertext */
    @Override
    public Map<String, String> open(String connectionId, byte[] ciphertext) {
        if (ciphertext == null) {
            return Map.of();
        }
        if (ciphertext.length < 1 + NONCE_BYTES || ciphertext[0] != VERSION) {
            throw new IllegalStateException("the stored secrets of connection " + connectionId + " are not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(connectionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return decode(cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored secrets of connection " + connectionId
                    + " cannot be decrypted: the SDK was started with a different secret key than the one they were"
                    + " stored with", e);
        }
    }

    private static byte[] encode(Map<String, String> secrets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(secrets.size());
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                out.writeUTF(e.getKey());
                byte[] value = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(value.length);
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int n = in.readInt();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String k = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                secrets.put(k, new String(value, java.nio.charset.StandardCharsets.UTF_8));
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-GCM]";
    }
}
