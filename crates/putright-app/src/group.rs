//! Group commit: on SQLite, which writes one transaction at a time, the public forms sent at the
//! same moment are saved in one transaction, so one flush to disk makes many of them durable. Each waits for its own answer and is told of
//! success only once the transaction holding it is committed, so a confirmation still means the
//! complaint is on disk. A batch the store refuses (one form sent twice, say) is saved again a
//! change at a time, so each gets its own answer and one bad change costs the others nothing.

use putright_store::{CaseChange, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;

/// The most changes saved in one transaction.
const MOST: usize = 64;

/// A change waiting to be saved, and where its answer goes.
type Job = (CaseChange, oneshot::Sender<Result<(), StoreError>>);

/// The writer's queue.
#[derive(Debug)]
pub(crate) struct Grouped {
    queue: mpsc::Sender<Job>,
}

impl Grouped {
    /// Starts the writer over `store`; it stops when the queue is dropped.
    pub(crate) fn start<S: Store>(store: S) -> Grouped {
        let (queue, jobs) = mpsc::channel(4 * MOST);
        tokio::spawn(write(store, jobs));
        Grouped { queue }
    }

    /// Saves a change with whatever else is waiting; returns once it is committed.
    pub(crate) async fn commit(&self, change: CaseChange) -> Result<(), AppError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || AppError::Invalid("the writer has stopped: try again".into());
        self.queue
            .send((change, reply))
            .await
            .map_err(|_| stopped())?;
        Ok(answer.await.map_err(|_| stopped())??)
    }
}

async fn write<S: Store>(store: S, mut jobs: mpsc::Receiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut changes = vec![first.0];
        let mut replies = vec![first.1];
        while changes.len() < MOST {
            match jobs.try_recv() {
                Ok((change, reply)) => {
                    changes.push(change);
                    replies.push(reply);
                }
                Err(_) => break,
            }
        }
        if changes.len() > 1 && store.commit_all(&changes).await.is_ok() {
            for reply in replies {
                let _ = reply.send(Ok(()));
            }
            continue;
        }
        for (change, reply) in changes.iter().zip(replies) {
            let _ = reply.send(store.commit(change).await);
        }
    }
}
