//! Writes an import's batches on a task of its own, so the next batch is read and checked
//! while the last one is written: on two cores this nearly halves a large import.

use putright_domain::Reference;
use putright_store::{BulkSession, CaseChange, PersonalRecord, StoreError, StoredCase};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::error::AppError;

type Existing = Vec<(StoredCase, Vec<PersonalRecord>)>;

enum Job {
    Write(Vec<CaseChange>),
    Lookup(
        Vec<Reference>,
        oneshot::Sender<Result<Existing, StoreError>>,
    ),
}

/// The bulk session, owned by the writing task.
pub struct Writer<B> {
    jobs: mpsc::Sender<Job>,
    task: JoinHandle<Result<B, StoreError>>,
    pub was_empty: bool,
}

impl<B: BulkSession + 'static> Writer<B> {
    pub fn start(mut session: B) -> Self {
        let was_empty = session.was_empty();
        // One batch waiting while one is written keeps memory bounded.
        let (jobs, mut queue) = mpsc::channel::<Job>(1);
        let task = tokio::spawn(async move {
            while let Some(job) = queue.recv().await {
                match job {
                    Job::Write(changes) => session.write(&changes).await?,
                    Job::Lookup(references, reply) => {
                        // The importer may have stopped waiting; nothing to do then.
                        let _ = reply.send(session.existing(&references).await);
                    }
                }
            }
            Ok(session)
        });
        Writer {
            jobs,
            task,
            was_empty,
        }
    }

    /// Queues a batch; if the task has failed, its error.
    pub async fn write(&mut self, changes: Vec<CaseChange>) -> Result<(), AppError> {
        if self.jobs.send(Job::Write(changes)).await.is_err() {
            return Err(self.failure().await);
        }
        Ok(())
    }

    /// The stored cases among `references` (after every batch queued before).
    pub async fn existing(&mut self, references: Vec<Reference>) -> Result<Existing, AppError> {
        let (reply, answer) = oneshot::channel();
        if self
            .jobs
            .send(Job::Lookup(references, reply))
            .await
            .is_err()
        {
            return Err(self.failure().await);
        }
        match answer.await {
            Ok(found) => Ok(found?),
            Err(_) => Err(self.failure().await),
        }
    }

    /// Waits for every batch to be written and hands the session back to commit or drop.
    pub async fn finish(self) -> Result<B, AppError> {
        drop(self.jobs);
        join(self.task).await
    }

    async fn failure(&mut self) -> AppError {
        let (closed, _) = mpsc::channel(1);
        let jobs = std::mem::replace(&mut self.jobs, closed);
        drop(jobs);
        let task = std::mem::replace(
            &mut self.task,
            tokio::spawn(async {
                Err(StoreError::Corrupt(
                    "the import writer already stopped".into(),
                ))
            }),
        );
        match join(task).await {
            Err(e) => e,
            Ok(_) => AppError::Invalid("the import writer stopped unexpectedly".into()),
        }
    }
}

async fn join<B>(task: JoinHandle<Result<B, StoreError>>) -> Result<B, AppError> {
    match task.await {
        Ok(result) => Ok(result?),
        Err(e) => Err(AppError::Invalid(format!("the import writer failed: {e}"))),
    }
}
