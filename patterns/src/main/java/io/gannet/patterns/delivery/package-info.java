/**
 * Acknowledged delivery without a broker: a {@link io.gannet.patterns.delivery.Producer}
 * keeps each message until a {@link io.gannet.patterns.delivery.Consumer} acknowledges it,
 * with publisher confirms, prefetch (credit returned by acks), redelivery of what a lost
 * consumer held, dead letters and an optional durable outbox. Built on DEALER and ROUTER
 * sockets, on any transport; the wire protocol is documented in the Gannet guide
 * (acknowledged-delivery-protocol.md) and the contract in acknowledged-delivery.md.
 */
package io.gannet.patterns.delivery;
