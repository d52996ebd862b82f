package io.gannet.patterns.delivery;

/**
 * A publisher confirm: the fate of one published message, known to its producer.
 *
 * @param id            the message id
 * @param acknowledged  true when a consumer acknowledged it (a positive confirm); false when
 *                      it was dead-lettered (a negative confirm)
 * @param reason        why it was dead-lettered; null for a positive confirm
 * @param deliveryCount how many times it was delivered to a consumer
 * @param detail        the consumer's reject reason, or a short description; empty when none
 */
public record Confirm(String id, boolean acknowledged, DeadLetterReason reason, int deliveryCount, String detail) {
}
