package dev.keybridge.account;

/**
 * What the packages that keep rows under a linked account do inside the transaction that deletes it,
 * before the row goes (the database's cascade removes their rows after): the connection package emits
 * {@code connection.deleted} for each live connection, so a receiver hears of every connection that went.
 * The account row is locked ({@code FOR UPDATE}) already, so no row can be added under it meanwhile.
 */
public interface AccountDeletion {

    void deleting(LinkedAccount account);
}
